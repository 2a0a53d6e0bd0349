import { targetingCases } from './targeting-cases.js';

targetingCases(['bass-heavy electronic', 'speech']);
