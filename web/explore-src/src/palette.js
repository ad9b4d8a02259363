// Colour and shape of each type of node, and the colours of the charts. Every colour has a
// contrast of at least 4.5:1 with the white background (checked in the browser test, and by
// contrast() below at build time), so marks and any text drawn in them stay readable; the
// shape tells the types apart without colour.

export const BACKGROUND = '#ffffff';

export const TYPES = {
  School: { label: 'School', color: '#1f5fa8', shape: 'ellipse' },
  Network: { label: 'Network', color: '#b3261e', shape: 'star' },
  City: { label: 'City', color: '#2e6b30', shape: 'round-rectangle' },
  Country: { label: 'Country', color: '#6a1b9a', shape: 'hexagon' },
  Event: { label: 'Event', color: '#a3144f', shape: 'diamond' },
  KeyArea: { label: 'Key area', color: '#7a4f00', shape: 'triangle' },
  Organization: { label: 'Organisation', color: '#455a64', shape: 'rectangle' },
  Occasion: { label: 'Occasion', color: '#00695c', shape: 'pentagon' },
  Appeal: { label: 'Appeal', color: '#b23c00', shape: 'vee' },
  Note: { label: 'Note', color: '#5d4037', shape: 'tag' },
  Source: { label: 'Source', color: '#283593', shape: 'barrel' },
};

export const OTHER = { label: 'Other', color: '#595959', shape: 'octagon' };

export function typeOf(typename) {
  return TYPES[typename] || OTHER;
}

// The charts' series.
export const SERIES = {
  schools: '#1f5fa8',
  events: '#b23c00',
  published: '#1f5fa8',
  recorded: '#b23c00',
};

export const PATH_COLOR = '#c2410c';
export const TEXT = '#1b1b1b';
export const GRID = '#d0d0d0';

// luminance is the relative luminance of a #rrggbb colour, after WCAG 2.
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// contrast is the WCAG 2 contrast ratio of two #rrggbb colours.
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

// The outline of each shape in a 20×20 box, for the legend and the list of nodes.
export const SHAPE_POINTS = {
  ellipse: null, // drawn as a circle
  star: '10,1 12.6,7.2 19.3,7.4 14,11.6 15.9,18.1 10,14.3 4.1,18.1 6,11.6 0.7,7.4 7.4,7.2',
  'round-rectangle': '3,3 17,3 17,17 3,17',
  hexagon: '5,2 15,2 19,10 15,18 5,18 1,10',
  diamond: '10,1 19,10 10,19 1,10',
  triangle: '10,2 19,18 1,18',
  rectangle: '2,2 18,2 18,18 2,18',
  pentagon: '10,1 19,8 15.5,19 4.5,19 1,8',
  vee: '1,2 10,8 19,2 10,19',
  tag: '1,3 14,3 19,10 14,17 1,17',
  barrel: '4,2 16,2 19,10 16,18 4,18 1,10',
  octagon: '6,1 14,1 19,6 19,14 14,19 6,19 1,14 1,6',
};
