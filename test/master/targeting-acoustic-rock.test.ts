import { targetingCases } from './targeting-cases.js';

targetingCases(['quiet acoustic', 'dense rock']);
