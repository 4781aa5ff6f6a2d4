// The eleven steps of the course's pipeline, in order, each with the module that draws it.
import * as data from './data.js';
import * as firstLook from './first-look.js';
import * as visualise from './visualise.js';
import * as clean from './clean.js';
import * as project from './project.js';
import * as prepare from './prepare.js';
import * as train from './train.js';
import * as evaluate from './evaluate.js';
import * as validate from './validate.js';
import * as test from './test.js';
import * as production from './production.js';

export const STEPS = [
  { id: 'data', view: data },
  { id: 'first-look', view: firstLook },
  { id: 'visualise', view: visualise },
  { id: 'clean', view: clean },
  { id: 'project', view: project },
  { id: 'prepare', view: prepare },
  { id: 'train', view: train },
  { id: 'evaluate', view: evaluate },
  { id: 'validate', view: validate },
  { id: 'test', view: test },
  { id: 'production', view: production },
];

export function stepById(id) {
  return STEPS.find((s) => s.id === id);
}
