// www/in-order.js: a search's trials, finished out of order on the pool, reach the page in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inOrder } from '../../www/in-order.js';

test('results arriving out of order are posted in index order, each once it and all before it arrived', () => {
  const posted = [];
  const arrived = inOrder((value, index) => posted.push([index, value]));
  arrived(1, 'b');
  assert.deepEqual(posted, [], 'index 1 waits for index 0');
  arrived(2, 'c');
  arrived(0, 'a');
  assert.deepEqual(posted, [[0, 'a'], [1, 'b'], [2, 'c']]);
  arrived(4, 'e');
  arrived(3, 'd');
  assert.deepEqual(posted.slice(3), [[3, 'd'], [4, 'e']]);
});

test('results arriving in order are posted at once', () => {
  const posted = [];
  const arrived = inOrder((value) => posted.push(value));
  arrived(0, 'a');
  assert.deepEqual(posted, ['a']);
  arrived(1, 'b');
  assert.deepEqual(posted, ['a', 'b']);
});
