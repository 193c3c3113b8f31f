/**
 * A host config modelled on Teams' light theme, for rendering our cards the way a Teams user sees
 * them: Segoe UI at Teams' sizes, Teams' spacing, its colour palette (including the weak ones: the
 * `warning` yellow and the `good` green are hard to read on white, which is why the cards avoid
 * them for text) and its action rules (at most 6 actions, laid out in one horizontal row).
 */

const FONT = "'Segoe UI', system-ui, 'Apple Color Emoji', 'Segoe UI Emoji', sans-serif";

function colours(defaultText: string, subtleText: string) {
  return {
    default: { default: defaultText, subtle: subtleText },
    dark: { default: '#252424', subtle: '#bf252424' },
    light: { default: '#ffffff', subtle: '#fff3f2f1' },
    accent: { default: '#6264a7', subtle: '#8b8cc7' },
    good: { default: '#92c353', subtle: '#e592c353' },
    warning: { default: '#f8d22a', subtle: '#e5f8d22a' },
    attention: { default: '#c4314b', subtle: '#e5c4314b' },
  };
}

export const TEAMS_LIGHT_HOST_CONFIG = {
  supportsInteractivity: true,
  choiceSetInputValueSeparator: ',',
  fontFamily: FONT,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#eeeeee' },
  imageSizes: { small: 32, medium: 52, large: 100 },
  fontTypes: {
    default: {
      fontFamily: FONT,
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 200, default: 400, bolder: 600 },
    },
    monospace: {
      fontFamily: "'Courier New', Courier, monospace",
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 200, default: 400, bolder: 600 },
    },
  },
  containerStyles: {
    default: { backgroundColor: '#ffffff', foregroundColors: colours('#ff252424', '#bf252424') },
    emphasis: { backgroundColor: '#fff9f8f7', foregroundColors: colours('#ff252424', '#bf252424') },
    good: { backgroundColor: '#ccffcc', foregroundColors: colours('#ff252424', '#bf252424') },
    attention: { backgroundColor: '#ffc5b2', foregroundColors: colours('#ff252424', '#bf252424') },
    warning: { backgroundColor: '#ffe2b2', foregroundColors: colours('#ff252424', '#bf252424') },
    accent: { backgroundColor: '#ebe9f6', foregroundColors: colours('#ff252424', '#bf252424') },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
    preExpandSingleShowCardAction: false,
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    iconPlacement: 'leftOfTitle',
    iconSize: 16,
  },
  adaptiveCard: { allowCustomStyle: true },
  imageSet: { imageSize: 'medium', maxImageHeight: 100 },
  factSet: {
    title: { size: 'default', color: 'default', isSubtle: false, weight: 'bolder', wrap: true },
    value: { size: 'default', color: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 16,
  },
  inputs: {
    label: {
      requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
      optionalInputs: { weight: 'bolder' },
    },
    errorMessage: { size: 'small', color: 'attention' },
  },
} as const;

/**
 * What the Teams client's stylesheet adds around the renderer's markup: Teams' button shape (a
 * 32 px high pill-less button in semibold 14 px with 12 px side padding) and inputs of full width.
 */
export const TEAMS_LIGHT_CSS = `
  body { margin: 0; background: #f5f5f5; font-family: ${FONT}; }
  .host { background: #ffffff; border: 1px solid #e1dfdd; border-radius: 4px; box-sizing: border-box; }
  .ac-pushButton {
    height: 32px; padding: 0 12px; font: 600 14px ${FONT}; color: #252424; background: #ffffff;
    border: 1px solid #e1dfdd; border-radius: 4px; min-width: 0; overflow: hidden;
    white-space: nowrap; text-overflow: ellipsis; cursor: pointer;
  }
  .ac-pushButton.style-positive { background: #6264a7; color: #ffffff; border-color: #6264a7; }
  .ac-pushButton.style-destructive { color: #c4314b; }
  .ac-input { font: 400 14px ${FONT}; box-sizing: border-box; width: 100%; min-height: 32px; }
  .ac-textBlock p { margin: 0; }
`;
