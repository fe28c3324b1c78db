/**
 * The HTML report: reads what the steps left in one report directory (health-gate, docker, smoke and railway
 * records, the promotion record) and renders one page with inline SVG charts and its stylesheet written beside it,
 * so it renders as designed under Jenkins' artifact Content-Security-Policy and when opened from disk.
 */
package io.jenkins.plugins.deploygates.engine.report;
