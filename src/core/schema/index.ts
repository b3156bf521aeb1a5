// The incident document's schema: every top-level type and every record, declared once.
export * from './codec';
export * from './collections';
export * from './document';
export * from './exportFormat';
export * from './fields';
export * from './changes';
export * from './followUps';
export * from './handoffs';
export * from './hypotheses';
export * from './incident';
export * from './milestones';
export * from './people';
export * from './policy';
export * from './review';
export * from './statusUpdates';
export * from './tasks';
export * from './timeline';
