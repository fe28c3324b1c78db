package io.jenkins.plugins.deploygates.engine.docker;

/** The image a service ran before a rebuild, kept under {@link #rollbackTag()} for rollback. */
record ServiceImage(String project, String service, String imageRef, String imageId) {

    static ServiceImage of(ContainerState container) {
        return new ServiceImage(container.project(), container.service(), container.imageRef(), container.imageId());
    }

    String rollbackTag() {
        return ContainerReader.rollbackTag(imageRef, project, service);
    }
}
