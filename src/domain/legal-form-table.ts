/**
 * Legal-form abbreviations (and a few written-out forms) that end company names, by jurisdiction.
 *
 * Source: the ISO 20275 Entity Legal Forms (ELF) code list published by GLEIF under CC0 1.0
 * (https://www.gleif.org/en/about-lei/code-lists/iso-20275-entity-legal-forms-code-list).
 * Transcribed by hand from that list's "abbreviations local language" and "entity legal form name"
 * columns for the jurisdictions MSPs' clients are usually in; NOT downloaded (the build has no
 * network), so it is a curated subset, not the whole list. Common non-ELF spellings of the same
 * forms ("Pvt. Ltd.", "Co., Ltd.", "Private Limited") are added where noted.
 *
 * Each row: ISO 3166 jurisdictions, then the spellings separated by "|". Spellings are read with
 * the name tokeniser, so "S.A.", "SA" and "S A" are one entry; dots, case and accents do not matter
 * here (see legal-forms.ts for the forms that are also everyday words).
 */
export const LEGAL_FORM_TABLE: readonly (readonly [string, string])[] = [
  // English-speaking common law
  ['US CA GB IE AU NZ IN SG ZA', 'Inc|Incorporated|Corp|Corporation|Co|Company|Ltd|Limited'],
  [
    'US',
    'LLC|L.L.C.|PLLC|P.L.L.C.|LLP|L.L.P.|LLLP|LP|L.P.|PC|P.C.|PA|P.A.|PLC|P.L.C.|PSC|P.S.C.|SC|S.C.|PS|P.S.',
  ],
  ['US', 'Professional Corporation|Professional Association|Limited Liability Company|Ltd Co'],
  ['US', 'Chtd|APC|A.P.C.|APLC|A.P.L.C.|LC|L.C.'],
  ['CA', 'ULC|Ltée|Ltee|Limitée|Limitee|Inc.|S.E.N.C.|SENC|S.E.N.C.R.L.|SENCRL|SRL|S.R.L.'],
  ['GB IE', 'PLC|Public Limited Company|LLP|Limited Liability Partnership|CIC|C.I.C.|CIO|DAC|UC|ULC|Teo|Cpt'],
  ['GB', 'Community Interest Company'],
  ['AU NZ', 'Pty|Pty Ltd|Pty. Ltd.|Proprietary Limited|Pty Limited|NL|No Liability'],
  ['IN', 'Pvt Ltd|Pvt. Ltd.|Private Limited|Private Ltd|Pvt|P Ltd|LLP|OPC|OPC Pvt Ltd'],
  ['SG MY', 'Pte|Pte Ltd|Pte. Ltd.|Private Limited|Sdn Bhd|Sdn. Bhd.|Bhd|Berhad|LLP'],
  ['ZA', '(Pty) Ltd|Pty Ltd|RF|NPC|SOC Ltd|Inc'],
  ['HK CN TW JP KR', 'Co Ltd|Co., Ltd.|Company Limited|KK|K.K.|Kabushiki Kaisha|GK|G.K.|YK'],
  // German-speaking
  [
    'DE AT CH LI',
    'GmbH|gGmbH|mbH|AG|A.G.|Aktiengesellschaft|KG|K.G.|KGaA|OHG|oHG|OG|GbR|e.V.|eV|e.G.|eG|e.K.|eK|e.Kfm.|UG|UG (haftungsbeschränkt)|SE|S.E.',
  ],
  [
    'DE AT',
    'GmbH & Co. KG|GmbH & Co KG|& Co. KG|& Co. KGaA|& Co. OHG|GmbH & Co. KGaA|AG & Co. KG|GmbH & Co. OHG|UG & Co. KG|Gesellschaft mbH',
  ],
  [
    'DE',
    'Gesellschaft mit beschränkter Haftung|Kommanditgesellschaft|Partnerschaftsgesellschaft|PartG|PartG mbB|mbB',
  ],
  ['CH', 'Sàrl|SARL|Sagl|SA|S.A.|Genossenschaft'],
  // French-speaking
  [
    'FR BE LU CH MC',
    'SA|S.A.|SAS|S.A.S.|SASU|S.A.S.U.|SARL|S.A.R.L.|EURL|E.U.R.L.|SNC|S.N.C.|SCS|SCA|SCI|SCP|SELARL|SELAS|SEL|EI|EIRL|GIE|SE',
  ],
  ['BE', 'SRL|BV|NV|SC|CV|SComm|CommV|ASBL|VZW|SPRL|BVBA|SCRL|CVBA'],
  ['LU', 'S.à r.l.|Sàrl|S.à.r.l.|SCSp|SCS|SCA|SICAV|SICAR|SE|SA'],
  // Dutch
  [
    'NL BE',
    'BV|B.V.|NV|N.V.|VOF|V.O.F.|CV|C.V.|Stichting|Coöperatie|U.A.|B.A.|Besloten Vennootschap|Naamloze Vennootschap',
  ],
  // Italian
  [
    'IT SM CH',
    'SpA|S.p.A.|Srl|S.r.l.|Srls|S.r.l.s.|Sas|S.a.s.|Snc|S.n.c.|Sapa|S.a.p.a.|Scarl|S.c.a.r.l.|Scrl|S.c.r.l.|Soc. Coop.|Onlus',
  ],
  // Spanish-speaking
  [
    'ES',
    'SA|S.A.|SL|S.L.|SLU|S.L.U.|SAU|S.A.U.|SLL|S.L.L.|SLNE|SC|S.C.|SCoop|S. Coop.|Sociedad Limitada|Sociedad Anónima',
  ],
  [
    'MX',
    'S.A. de C.V.|SA de CV|S. de R.L. de C.V.|S de RL de CV|S. de R.L.|S de RL|S.A.P.I. de C.V.|SAPI de CV|S.A.B. de C.V.|SAB de CV|S.C.|A.C.|S.A.S. de C.V.|S. en C.',
  ],
  [
    'AR CL CO PE UY VE',
    'S.A.|SA|S.R.L.|SRL|SpA|S.A.S.|SAS|Ltda|Ltda.|E.I.R.L.|EIRL|S.A.C.|SAC|S.A.A.|SAA|C.A.|CA',
  ],
  // Portuguese-speaking
  [
    'PT BR',
    'Lda|Lda.|Ltda|Ltda.|SA|S.A.|S/A|Unipessoal Lda|ME|EPP|EIRELI|MEI|S/S|SS|Sociedade Anónima|Sociedade Limitada',
  ],
  // Central and Eastern Europe
  [
    'PL',
    'Sp. z o.o.|Sp z oo|Sp. z o. o.|spółka z ograniczoną odpowiedzialnością|S.A.|SA|Sp.k.|Sp. k.|Sp.j.|Sp. j.|S.K.A.|Sp.p.|Sp. p.',
  ],
  ['CZ SK', 's.r.o.|sro|spol. s r.o.|spol. s r. o.|a.s.|v.o.s.|k.s.|z.s.|o.p.s.|s.p.'],
  ['HU', 'Kft|Kft.|Zrt|Zrt.|Nyrt|Nyrt.|Bt|Bt.|Kkt'],
  ['RO MD', 'SRL|S.R.L.|SA|S.A.|SNC|SCS'],
  ['SI HR RS BA ME MK', 'd.o.o.|doo|d.d.|dd|j.t.d.|k.d.'],
  ['BG', 'OOD|EOOD|AD|EAD|ET'],
  ['GR CY', 'AE|A.E.|EPE|E.P.E.|IKE|I.K.E.|OE|EE|Ltd'],
  ['RU UA BY KZ', 'OOO|OAO|ZAO|PAO|AO|TOV|LLC|JSC|PJSC|OJSC|CJSC'],
  ['LT LV EE', 'UAB|AB|SIA|AS|OÜ|OU|AS|MTÜ|TÜ'],
  ['TR', 'A.Ş.|AŞ|A.S.|Ltd. Şti.|Ltd Şti|Ltd. Sti.|Ltd Sti'],
  // Nordics
  ['SE', 'AB|Aktiebolag|Aktiebolaget|HB|KB|Ek. för.|publ|(publ)|AB (publ)'],
  ['NO', 'AS|A/S|ASA|ANS|DA|SA|NUF|KS|BA'],
  ['DK', 'A/S|ApS|IVS|I/S|K/S|P/S|AMBA|a.m.b.a.|FMBA|SMBA'],
  ['FI', 'Oy|Oyj|Ab|Abp|Ky|Ay|Tmi|Osk|Oy Ab|Ab Oy'],
  ['IS', 'hf|hf.|ehf|ehf.|sf|sf.'],
  // Elsewhere
  ['ID', 'Tbk|Tbk.'],
  ['PH', 'Inc|Corp'],
  ['TH', 'Co Ltd|Public Co Ltd|PCL'],
  ['AE SA QA', 'LLC|FZE|FZ-LLC|FZCO|PJSC|PSC|WLL|W.L.L.'],
  ['EU', 'SE|Societas Europaea|SCE|EEIG|EWIV'],
];
