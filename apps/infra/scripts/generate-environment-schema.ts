import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { environmentJsonSchemaText, jsonSchemaFileName } from '../src/config/json-schema';
import { environmentsDir } from '../src/paths';

const target = resolve(environmentsDir, jsonSchemaFileName);
writeFileSync(target, environmentJsonSchemaText());
console.log(`wrote ${target}`);
