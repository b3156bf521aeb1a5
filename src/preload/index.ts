// Sandboxed preload: exposes the typed contract as `window.sitrep` and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { buildSitrepApi } from './api';

contextBridge.exposeInMainWorld('sitrep', buildSitrepApi(ipcRenderer));
