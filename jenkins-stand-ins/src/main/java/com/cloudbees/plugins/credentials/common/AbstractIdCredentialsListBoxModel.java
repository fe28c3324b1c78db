package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import standin.StandInCredentialStore;

/**
 * Stand-in: the real model lists the credentials the given context can see; this one lists what tests put in
 * {@link StandInCredentialStore}, with the real labels for the empty and the current selection.
 */
public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>, C extends IdCredentials>
        extends ListBoxModel {
    private static final long serialVersionUID = 1L;

    /**
     * The real class declares {@code protected abstract String describe(C)}; overriding it in StandardListBoxModel
     * would compile a bridge method the signature check cannot tell from a real member, so the stand-in reaches
     * StandardListBoxModel's {@code describe} through this package-private hook instead.
     */
    abstract String label(C c);

    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        for (Option o : this) {
            if (o.value.isEmpty()) {
                return this;
            }
        }
        add(0, new Option("- none -", ""));
        return this;
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeMatching(Item context, Class<? extends C> type,
            List<DomainRequirement> domainRequirements, CredentialsMatcher matcher) {
        List<Option> found = new ArrayList<>();
        for (Credentials c : StandInCredentialStore.all()) {
            if (type.isInstance(c) && matcher.matches(c)) {
                C credentials = type.cast(c);
                found.add(new Option(label(credentials), credentials.getId()));
            }
        }
        addMissing(found);
        return this;
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(String value) {
        if (value == null || value.isEmpty()) {
            return includeEmptyValue();
        }
        for (Option o : this) {
            if (value.equals(o.value)) {
                return this;
            }
        }
        add(isEmpty() || !get(0).value.isEmpty() ? 0 : 1, new Option("- current -", value));
        return this;
    }

    public boolean addMissing(Collection<? extends Option> c) {
        Set<String> existing = new HashSet<>();
        for (Option o : this) {
            existing.add(o.value);
        }
        boolean changed = false;
        for (Option o : c) {
            if (existing.add(o.value)) {
                add(o);
                changed = true;
            }
        }
        return changed;
    }
}
