package io.jenkins.plugins.deploygates.engine.docker;

/** The image a service ran before a rebuild, kept under {@link ContainerReader#rollbackTag} for rollback. */
record ServiceImage(String service, String imageRef, String imageId) {
}
