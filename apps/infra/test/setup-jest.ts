import { Testing } from 'cdktf';
// Brings the matchers' type declarations (jest.Matchers augmentation) into the compilation.
import type {} from 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();
