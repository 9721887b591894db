// @vitest-environment node
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLastBuild } from '../../src/builder/report';
import { feedPaths } from '../../src/feed/urls';
import { tempDir } from './helpers';

/** An output folder whose build report names `buildId`, written as a build writes it: renamed into place. */
function writeReport(out: string, buildId: string, extra = ''): void {
  const file = path.join(out, feedPaths.buildReport());
  writeFileSync(`${file}.tmp`, JSON.stringify({ buildId, extra }));
  renameSync(`${file}.tmp`, file);
}

describe('the last build in an output folder, looked at again after the lock', () => {
  it('is current while its report is untouched, or replaced by one of the same build', () => {
    const out = tempDir();
    writeReport(out, 'aaaa');
    const last = readLastBuild(out)!;
    expect(last.report.buildId).toBe('aaaa');
    expect(last.isCurrent()).toBe(true);
    writeReport(out, 'aaaa', 'written again');
    expect(last.isCurrent()).toBe(true);
  });

  it('is not current once another build has replaced its report, or removed it', () => {
    const out = tempDir();
    writeReport(out, 'aaaa');
    const last = readLastBuild(out)!;
    writeReport(out, 'bbbb');
    expect(last.isCurrent()).toBe(false);
    writeReport(out, 'aaaa');
    expect(readLastBuild(out)!.isCurrent()).toBe(true);
    writeFileSync(path.join(out, feedPaths.buildReport()), 'not json');
    expect(readLastBuild(out)).toBeNull();
  });
});
