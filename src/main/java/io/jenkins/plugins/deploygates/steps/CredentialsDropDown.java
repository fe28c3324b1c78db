package io.jenkins.plugins.deploygates.steps;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * The items of a credentials drop-down ({@code <c:select/>}) in a step's form, as the credentials plugin's consumer
 * guide asks: only someone who may configure the job (or use its credentials), or an administrator outside any job,
 * sees the list; everyone else sees just the value already chosen, so saving the form keeps it.
 */
final class CredentialsDropDown {
    private CredentialsDropDown() {}

    static ListBoxModel items(Item item, String currentId, Class<? extends StandardCredentials> type) {
        StandardListBoxModel model = new StandardListBoxModel();
        if (!mayList(item)) {
            return model.includeCurrentValue(currentId);
        }
        // Listed as the build will look them up: as the job's own authentication (SYSTEM unless an authorization
        // strategy says otherwise), not as the user filling the form, whom the global store answers with nothing.
        // No domain requirement: the step's URL is not known while the form is filled in.
        return model.includeEmptyValue()
                .includeMatchingAs(authenticationOf(item), item, type, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(currentId);
    }

    private static Authentication authenticationOf(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    private static boolean mayList(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }
}
