import { targetingCases } from './targeting-cases.js';

targetingCases(['very dynamic', 'very short']);
