// A full disk shows its failure once, not once per timed retry: the same failure within a minute
// of the last one shown is not shown again; a different one, or the same one later, is.
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../src/renderer/sync/storage';
import { StorageErrorChannel } from '../../src/renderer/sync/storage/storageErrors';

const diskFull = (ids: string[] = ['i1']) => new StorageError('quota-exceeded', 'Sitrep could not save: the disk is full.', ids);

describe('StorageErrorChannel', () => {
  it('shows a repeated failure once per minute, and every different failure', () => {
    let now = 1_000_000;
    const channel = new StorageErrorChannel({ now: () => now });
    const shown: StorageError[] = [];
    channel.subscribe((error) => shown.push(error));

    channel.emit(diskFull());
    now += 5_000; // the save state's timed retry fails the same way
    channel.emit(diskFull());
    expect(shown).toHaveLength(1);

    // Another incident, or another failure, is news.
    channel.emit(diskFull(['i2']));
    channel.emit(new StorageError('write-failed', 'Sitrep could not save this change.', ['i1']));
    expect(shown).toHaveLength(3);

    // Still failing a minute later: said again.
    now += 60_000;
    channel.emit(diskFull());
    expect(shown).toHaveLength(4);
  });
});
