// Which record schema each collection holds, and the record types they read as.
import { systemChangeSchema } from './changes';
import { followUpSchema } from './followUps';
import { commandHandoffSchema } from './handoffs';
import { type checkSchema, type evidenceSchema, hypothesisSchema } from './hypotheses';
import { milestoneSchema } from './milestones';
import { personSchema, roleAssignmentSchema } from './people';
import { statusUpdateSchema } from './statusUpdates';
import { taskSchema } from './tasks';
import { timelineEntrySchema } from './timeline';
import type { whyStepSchema } from './review';

export const COLLECTION_SCHEMAS = {
  people: personSchema,
  roles: roleAssignmentSchema,
  tasks: taskSchema,
  hypotheses: hypothesisSchema,
  milestones: milestoneSchema,
  changes: systemChangeSchema,
  followUps: followUpSchema,
  updates: statusUpdateSchema,
  timeline: timelineEntrySchema,
  handoffs: commandHandoffSchema,
} as const;

export type Person = ReturnType<typeof personSchema.read>;
export type RoleAssignment = ReturnType<typeof roleAssignmentSchema.read>;
export type Task = ReturnType<typeof taskSchema.read>;
export type Evidence = ReturnType<typeof evidenceSchema.read>;
export type Check = ReturnType<typeof checkSchema.read>;
export type Hypothesis = ReturnType<typeof hypothesisSchema.read>;
export type Milestone = ReturnType<typeof milestoneSchema.read>;
export type SystemChange = ReturnType<typeof systemChangeSchema.read>;
export type FollowUp = ReturnType<typeof followUpSchema.read>;
export type StatusUpdate = ReturnType<typeof statusUpdateSchema.read>;
export type TimelineEntry = ReturnType<typeof timelineEntrySchema.read>;
export type CommandHandoff = ReturnType<typeof commandHandoffSchema.read>;
export type WhyStep = ReturnType<typeof whyStepSchema.read>;
