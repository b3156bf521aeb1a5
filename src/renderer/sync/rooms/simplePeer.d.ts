// Types for the parts of simple-peer 9 that peerRoom.ts uses. The browser bundle is the module
// y-webrtc itself loads: plain simple-peer needs Node's buffer and stream in the page.
declare module 'simple-peer/simplepeer.min.js' {
  export interface SimplePeerOptions {
    readonly initiator?: boolean;
    readonly config?: RTCConfiguration;
    /** A WebRTC implementation for Node (`@roamhq/wrtc`); the browser's own by default. */
    readonly wrtc?: unknown;
    readonly [option: string]: unknown;
  }

  export default class SimplePeer {
    constructor(options?: SimplePeerOptions);
    readonly connected: boolean;
    readonly destroyed: boolean;
    signal(data: unknown): void;
    send(data: Uint8Array): void;
    destroy(error?: Error): void;
    on(event: 'signal', listener: (data: unknown) => void): this;
    on(event: 'connect' | 'close', listener: () => void): this;
    on(event: 'data', listener: (data: unknown) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }
}
