// The eleven steps of the course's pipeline, in order, each with the module that draws it.
import * as data from './data.js';
import * as firstLook from './first-look.js';
import * as visualise from './visualise.js';
import * as clean from './clean.js';
import * as project from './project.js';
import * as evaluate from './evaluate.js';
import { soon } from './soon.js';

const LATER = ['prepare', 'train', 'validate', 'test', 'production'];

export const STEPS = [
  { id: 'data', view: data },
  { id: 'first-look', view: firstLook },
  { id: 'visualise', view: visualise },
  { id: 'clean', view: clean },
  { id: 'project', view: project },
  ...LATER.slice(0, 2).map((id) => ({ id, view: soon(id) })),
  { id: 'evaluate', view: evaluate },
  ...LATER.slice(2).map((id) => ({ id, view: soon(id) })),
];

export function stepById(id) {
  return STEPS.find((s) => s.id === id);
}
