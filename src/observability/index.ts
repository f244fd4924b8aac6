export { createApolloMetricsPlugin, createOperationRecorder, rootFieldLabel, type OperationRecorder } from "./apollo-metrics-plugin.js";
export { BoundedLabel, closedLabel, OTHER_LABEL } from "./bounded-label.js";
export {
  type CgroupStats,
  DEFAULT_CGROUP_ROOT,
  readCgroupStats,
  readCpuUsageSeconds,
  readMemoryLimitBytes,
  readMemoryUsageBytes,
} from "./cgroup.js";
export { metricsHandler } from "./http.js";
export {
  ACTIVE_SESSION_WINDOW_MS,
  type CreateMetricsOptions,
  createMetrics,
  type DeploymentFigures,
  type MayaMetrics,
  type SessionLockStats,
} from "./metrics.js";
export { SessionLocks, type SessionLocksOptions } from "./session-locks.js";
