// Each storage test gets its own fake IndexedDB and database name; every library a test opens
// is closed after it.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach } from 'vitest';
import { openLibrary, type IncidentLibrary, type LibraryOptions } from '../../../src/renderer/sync/storage';

export function testLibraries(prefix: string) {
  let counter = 0;
  const opened: IncidentLibrary[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((library) => library.close()));
  });
  return {
    freshStore(extra: LibraryOptions = {}): LibraryOptions {
      counter += 1;
      return { name: `${prefix}-${counter}`, indexedDB: new IDBFactory(), IDBKeyRange, ...extra };
    },
    async open(options: LibraryOptions): Promise<IncidentLibrary> {
      const library = await openLibrary(options);
      opened.push(library);
      return library;
    },
  };
}
