// The eleven steps of the course's pipeline, in order, each with the module that draws it.
import * as data from './data.js';
import * as firstLook from './first-look.js';
import { soon } from './soon.js';

const LATER = ['visualise', 'clean', 'project', 'prepare', 'train', 'evaluate', 'validate', 'test', 'production'];

export const STEPS = [
  { id: 'data', view: data },
  { id: 'first-look', view: firstLook },
  ...LATER.map((id) => ({ id, view: soon(id) })),
];

export function stepById(id) {
  return STEPS.find((s) => s.id === id);
}
