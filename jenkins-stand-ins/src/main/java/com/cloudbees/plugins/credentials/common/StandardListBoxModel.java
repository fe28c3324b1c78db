package com.cloudbees.plugins.credentials.common;

/** Stand-in: names a credential by its description, or by its id when it has none. */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    private static final long serialVersionUID = 1L;

    @Override
    String label(StandardCredentials c) {
        return describe(c);
    }

    protected String describe(StandardCredentials c) {
        String description = c.getDescription();
        return description == null || description.isBlank() ? c.getId() : description;
    }
}
