// The explorer's colours (web/explore-src/src/palette.js), which draw on canvases that axe-core
// cannot read: every node type, chart series and the path keep a contrast of at least 4.5:1
// with the white background, and the types differ in shape as well as colour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TYPES, OTHER, SERIES, PATH_COLOR, TEXT, GRID, BACKGROUND, SHAPE_POINTS, contrast } from '../explore-src/src/palette.js';

test('contrast follows WCAG 2', () => {
  assert.equal(contrast('#000000', '#ffffff'), 21);
  assert.equal(contrast('#ffffff', '#ffffff'), 1);
  assert.equal(contrast('#767676', '#ffffff').toFixed(2), '4.54'); // the lightest grey that passes AA
  assert.equal(contrast('#ffffff', '#767676'), contrast('#767676', '#ffffff'));
});

test('every colour drawn on the canvases is readable on the background', () => {
  const colours = {
    ...Object.fromEntries(Object.entries(TYPES).map(([k, t]) => [`type ${k}`, t.color])),
    'type Other': OTHER.color,
    ...Object.fromEntries(Object.entries(SERIES).map(([k, c]) => [`series ${k}`, c])),
    path: PATH_COLOR,
    text: TEXT,
  };
  for (const [name, colour] of Object.entries(colours)) {
    assert.ok(contrast(colour, BACKGROUND) >= 4.5, `${name} ${colour}: ${contrast(colour, BACKGROUND).toFixed(2)}:1 on ${BACKGROUND}`);
  }
  // Grid lines are decoration, lighter on purpose, but still visible.
  assert.ok(contrast(GRID, BACKGROUND) >= 1.3);
});

test('node types differ in shape, and each shape can be drawn in the legend', () => {
  const all = [...Object.values(TYPES), OTHER];
  const shapes = all.map((t) => t.shape);
  assert.equal(new Set(shapes).size, shapes.length, `shapes repeat: ${shapes}`);
  for (const s of shapes) assert.ok(s in SHAPE_POINTS, `no outline for ${s}`);
  const colours = all.map((t) => t.color);
  assert.equal(new Set(colours).size, colours.length, 'colours repeat');
});
