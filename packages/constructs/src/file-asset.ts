import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AssetType, TerraformAsset } from 'cdktf';
import type { Construct } from 'constructs';

export interface FileAsset {
  /** Path of the copy inside the synthesized stack directory, relative to it (what Terraform reads). */
  readonly path: string;
  /** SHA-256 of the file's bytes. */
  readonly sha256: Buffer;
}

/**
 * Copies a local file into the stack's output (so a remote run, e.g. Terraform Cloud, has it) and
 * hashes it at synth time, so a changed file changes the plan.
 *
 * @param whenMissing the error message when the file does not exist (say how to produce it)
 */
export function fileAsset(scope: Construct, id: string, file: string, whenMissing: string): FileAsset {
  const absolutePath = resolve(file);
  if (!existsSync(absolutePath)) {
    throw new Error(`${whenMissing} (looked for ${absolutePath})`);
  }
  const sha256 = createHash('sha256').update(readFileSync(absolutePath)).digest();
  const asset = new TerraformAsset(scope, id, {
    path: absolutePath,
    type: AssetType.FILE,
    assetHash: sha256.toString('hex'),
  });
  return { path: asset.path, sha256 };
}
