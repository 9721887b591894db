/**
 * Watching the content folders for a builder that rebuilds as files change (`npm run feed --
 * --watch`): one `fs.watch` per folder the build walks (Node's own recursive watch on Linux
 * would watch each of 100k files), and the paths that changed, handed over once the folders
 * have been quiet for a moment, since saving a file is often several events.
 */
import { watch, type FSWatcher } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { takenEntries } from './read-articles';

/** How long the folders must be quiet before the changes are handed over. */
export const QUIET_MS = 30;

/** The paths that changed, or null when some change may have gone unseen (a folder could not be watched). */
export type WatchedChanges = string[] | null;

/** Told of a folder that cannot be watched (or no longer): changes there are seen only by statting every file. */
export type OnBlind = (folder: string, error: unknown) => void;

/** How one folder is watched: `fs.watch`, unless a test needs one that fails. */
export type WatchFolder = (folder: string, listener: (event: string, name: string | null) => void) => FSWatcher;

export interface WatchOptions {
  quietMs?: number;
  onBlind?: OnBlind;
  watchFolder?: WatchFolder;
}

export class ContentWatcher {
  /** Each watched folder's watch, and its real path: a symlinked folder is watched once, as the walk takes it once. */
  private readonly watchers = new Map<string, { watcher: FSWatcher; real: string }>();
  private readonly reals = new Set<string>();
  private readonly excluded: ReadonlySet<string>;
  private readonly quietMs: number;
  /** Folders being added: an event or two more for a new folder while it is, and it would be watched twice. */
  private readonly adding = new Set<string>();
  private readonly onBlind: OnBlind;
  private changed = new Set<string>();
  /** A change may have gone unseen since the last handover: a folder without a watch, or an event without a name. */
  private unseen = false;
  /** Some folder could not be watched: every handover from then on says so. */
  private blind = false;
  private quiet: NodeJS.Timeout | null = null;
  private waiting: ((changes: WatchedChanges) => void) | null = null;
  private closed = false;

  private readonly watchFolder: WatchFolder;

  private constructor(excluded: ReadonlySet<string>, options: Required<WatchOptions>) {
    this.excluded = excluded;
    this.quietMs = options.quietMs;
    this.onBlind = options.onBlind;
    this.watchFolder = options.watchFolder;
  }

  /** Watch every folder a build would walk in `contentDirs`, leaving out `exclude` (the output, the cache). */
  static async start(
    contentDirs: readonly string[],
    exclude: readonly string[],
    { quietMs = QUIET_MS, onBlind = () => {}, watchFolder = watch }: WatchOptions = {},
  ): Promise<ContentWatcher> {
    const excluded = new Set(exclude.map((dir) => path.resolve(dir)));
    const watcher = new ContentWatcher(excluded, { quietMs, onBlind, watchFolder });
    for (const dir of contentDirs) await watcher.add(path.resolve(dir));
    return watcher;
  }

  /** The changes since the last call, once there are some and the folders have been quiet for a moment. */
  next(): Promise<WatchedChanges> {
    if (this.waiting) throw new Error('already waiting for changes');
    return new Promise((resolve) => {
      this.waiting = resolve;
      if (this.changed.size > 0 || this.unseen) this.settle();
    });
  }

  close(): void {
    this.closed = true;
    if (this.quiet) clearTimeout(this.quiet);
    for (const folder of [...this.watchers.keys()]) this.forget(folder);
  }

  /** Watch `folder`, if it is one, and the folders a build walks under it, as scanContent takes them. */
  private async add(folder: string): Promise<void> {
    if (this.adding.has(folder)) return;
    this.adding.add(folder);
    try {
      const [info, real] = await Promise.all([stat(folder).catch(() => null), realpath(folder).catch(() => null)]);
      if (this.closed || !info?.isDirectory() || real === null) return;
      if (this.reals.has(real) || this.watchers.has(folder) || path.basename(folder) === 'node_modules') return;
      try {
        const watcher = this.watchFolder(folder, (event, name) => this.saw(folder, event, name));
        watcher.on('error', (error) => this.lost(folder, error));
        this.watchers.set(folder, { watcher, real });
        this.reals.add(real);
      } catch (error) {
        // Too many watches (the system's inotify limit), or the folder went.
        this.lost(folder, error);
        return;
      }
      const taken = await takenEntries(folder, this.excluded).catch(() => []);
      for (const { name, kind } of taken) {
        if (kind === 'dir' || kind === 'logos') await this.add(folder + path.sep + name);
      }
    } finally {
      this.adding.delete(folder);
    }
  }

  private saw(folder: string, event: string, name: string | Buffer | null): void {
    // A hidden entry is never read (see takenEntries): an editor's swap file, a staging folder.
    if (this.closed || (name !== null && name.toString().startsWith('.'))) return;
    // Without a name (not on Linux), only the folder is known to have changed.
    if (name === null) this.unseen = true;
    const changed = name === null ? folder : folder + path.sep + name.toString();
    if (this.excluded.has(changed)) return;
    this.changed.add(changed);
    // A folder made (or renamed in) is watched from now on; one removed (or renamed away) is not.
    // Either is a 'rename' event; an edited file's is a 'change', which needs no look.
    if (name !== null && event === 'rename') void this.recheck(changed);
    this.settle();
  }

  private async recheck(entry: string): Promise<void> {
    if (!this.watchers.has(entry)) return this.add(entry);
    const real = await realpath(entry).catch(() => null);
    if (real !== this.watchers.get(entry)?.real) {
      this.forget(entry);
      await this.add(entry);
    }
  }

  private forget(folder: string): void {
    const held = this.watchers.get(folder);
    if (!held) return;
    held.watcher.close();
    this.watchers.delete(folder);
    this.reals.delete(held.real);
  }

  /** A folder's watch could not start or failed: what changes in it from now on is not seen. */
  private lost(folder: string, error: unknown): void {
    this.forget(folder);
    // A folder that went is the build's to notice (its parent's watch saw it go); one that stays is unwatched.
    void stat(folder).then(
      () => {
        if (this.closed) return;
        this.blind = true;
        this.onBlind(folder, error);
        this.settle();
      },
      () => {},
    );
  }

  /** Hand the changes over once no event has come for quietMs. */
  private settle(): void {
    if (this.quiet) clearTimeout(this.quiet);
    this.quiet = setTimeout(() => {
      this.quiet = null;
      const resolve = this.waiting;
      if (!resolve || this.closed) return;
      const changes = this.unseen || this.blind ? null : [...this.changed];
      this.waiting = null;
      this.changed = new Set();
      this.unseen = false;
      resolve(changes);
    }, this.quietMs);
  }
}
