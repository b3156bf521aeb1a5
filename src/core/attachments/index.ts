// Attachments as evidence: metadata in the document, bytes content-addressed beside it.
export * from './metadata';
export * from './hash';
export * from './protocol';
