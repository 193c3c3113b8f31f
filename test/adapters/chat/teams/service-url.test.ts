import { describe, expect, it } from 'vitest';
import { allowedServiceUrl, DEFAULT_SERVICE_URL_HOSTS } from '../../../../adapters/chat/teams/service-url.js';
import {
  decodeThread,
  encodeThread,
  threadConversation,
  threadRootOf,
} from '../../../../adapters/chat/teams/thread-ref.js';

describe('the service URL allow-list', () => {
  it('allows the Teams service hosts over https, without a trailing slash', () => {
    expect(allowedServiceUrl('https://smba.trafficmanager.net/emea/', DEFAULT_SERVICE_URL_HOSTS)).toBe(
      'https://smba.trafficmanager.net/emea',
    );
    expect(allowedServiceUrl('https://SMBA.trafficmanager.net/amer', DEFAULT_SERVICE_URL_HOSTS)).toBe(
      'https://smba.trafficmanager.net/amer',
    );
  });

  it('refuses other hosts, look-alikes, plain http, credentials and queries', () => {
    for (const url of [
      'https://evil.example/teams/',
      'https://smba.trafficmanager.net.evil.example/',
      'https://evilsmba.trafficmanager.net/',
      'http://smba.trafficmanager.net/emea/',
      'https://user:pass@smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net/emea/?x=1',
      'not a url',
    ]) {
      expect(allowedServiceUrl(url, DEFAULT_SERVICE_URL_HOSTS), url).toBeNull();
    }
  });

  it('takes *.domain entries and loopback over http only when listed', () => {
    expect(allowedServiceUrl('https://a.b.example.com/x', ['*.example.com'])).toBe(
      'https://a.b.example.com/x',
    );
    expect(allowedServiceUrl('https://example.com/x', ['*.example.com'])).toBeNull();
    expect(allowedServiceUrl('http://127.0.0.1:4000/teams/', ['127.0.0.1'])).toBe(
      'http://127.0.0.1:4000/teams',
    );
    expect(allowedServiceUrl('http://127.0.0.1:4000/teams/', DEFAULT_SERVICE_URL_HOSTS)).toBeNull();
    expect(allowedServiceUrl('http://10.0.0.1/teams/', ['10.0.0.1'])).toBeNull();
  });
});

describe('thread references', () => {
  const thread = {
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversationId: '19:a@thread.tacv2;messageid=5',
    rootActivityId: '42',
    threaded: true,
  };

  it('round-trip through the core as opaque JSON, on the channel’s base id', () => {
    const ref = encodeThread(thread);
    expect(ref.platform).toBe('teams');
    expect(decodeThread(ref)).toEqual({ ...thread, conversationId: '19:a@thread.tacv2' });
    expect(threadConversation(thread).conversationId).toBe('19:a@thread.tacv2;messageid=42');
    expect(threadConversation({ ...thread, threaded: false }).conversationId).toBe('19:a@thread.tacv2');
  });

  it('refuse what they did not write', () => {
    expect(decodeThread({ platform: 'slack', data: encodeThread(thread).data })).toBeNull();
    expect(decodeThread({ platform: 'teams', data: '{"serviceUrl":"x"}' })).toBeNull();
    expect(decodeThread({ platform: 'teams', data: 'not json' })).toBeNull();
    expect(threadRootOf('19:a@thread.tacv2;messageid=123')).toBe('123');
    expect(threadRootOf('a:1xyz')).toBeNull();
  });
});
