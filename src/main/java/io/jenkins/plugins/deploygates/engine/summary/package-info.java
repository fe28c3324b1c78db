/**
 * The build-page summary as plain data: each gate's verdict with its key figures, the promotion (commit, outcome,
 * approvals, rollbacks) and the nightly check, read from the step results and the report folder's records. Every
 * string is redacted and shortened here, and no sample is kept, so what Jenkins persists with a build stays small
 * and holds no secret.
 */
package io.jenkins.plugins.deploygates.engine.summary;
