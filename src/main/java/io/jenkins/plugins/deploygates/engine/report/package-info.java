/**
 * The HTML report: reads what the steps left in one report directory (health-gate, docker, smoke and railway
 * records, the promotion record) and renders one self-contained page with inline CSS and SVG only.
 */
package io.jenkins.plugins.deploygates.engine.report;
