package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import standin.StandInCredentialStore;
import standin.StandInSecurity;

/**
 * The credentials drop-downs of the steps' forms, against the stand-in credential store and permissions: who sees
 * the list, which kind of credential each field lists, and that the value already chosen is never lost.
 */
class CredentialsDropDownTest {
    private final Item job = new Item() {};

    @BeforeEach
    void credentials() {
        StandInCredentialStore.add(secretText("railway-token", "Railway production token"));
        StandInCredentialStore.add(secretText("expired-jwt", ""));
        StandInCredentialStore.add(usernamePassword("smoke-inbox", "Mailbox of the smoke user"));
    }

    @AfterEach
    void forget() {
        StandInCredentialStore.clear();
        StandInSecurity.clear();
    }

    private static StringCredentials secretText(String id, String description) {
        return new StringCredentials() {
            @Override public String getId() { return id; }
            @Override public String getDescription() { return description; }
            @Override public Secret getSecret() { return Secret.fromString("s3cret"); }
        };
    }

    private static StandardUsernamePasswordCredentials usernamePassword(String id, String description) {
        return new StandardUsernamePasswordCredentials() {
            @Override public String getId() { return id; }
            @Override public String getDescription() { return description; }
            @Override public String getUsername() { return "smoke"; }
            @Override public Secret getPassword() { return Secret.fromString("pw"); }
        };
    }

    private static List<String> options(ListBoxModel model) {
        return model.stream().map(o -> o.name + "=" + o.value).collect(Collectors.toList());
    }

    @Test
    void someoneWhoMayConfigureTheJobSeesTheSecretTextsForTheRailwaySteps() {
        StandInSecurity.grant(job, Item.EXTENDED_READ);

        ListBoxModel up = new RailwayUpStep.DescriptorImpl().doFillCredentialsIdItems(job, "");
        ListBoxModel rollback = new RailwayRollbackStep.DescriptorImpl().doFillCredentialsIdItems(job, "railway-token");

        assertThat(options(up)).containsExactly("- none -=", "Railway production token=railway-token", "expired-jwt=expired-jwt");
        assertThat(options(rollback)).isEqualTo(options(up));
    }

    @Test
    void theSmokeStepListsUsernamePasswordsForLoginsAndSecretTextForTheExpiredToken() {
        StandInSecurity.grant(job, CredentialsProvider.USE_ITEM);
        SmokeAuthFlowStep.DescriptorImpl d = new SmokeAuthFlowStep.DescriptorImpl();

        assertThat(options(d.doFillMailboxCredentialsIdItems(job, null)))
                .containsExactly("- none -=", "Mailbox of the smoke user=smoke-inbox");
        assertThat(options(d.doFillLoginCredentialsIdItems(job, "smoke-inbox")))
                .containsExactly("- none -=", "Mailbox of the smoke user=smoke-inbox");
        assertThat(options(d.doFillExpiredTokenCredentialsIdItems(job, null)))
                .containsExactly("- none -=", "Railway production token=railway-token", "expired-jwt=expired-jwt");
    }

    @Test
    void withoutPermissionOnlyTheChosenValueIsShownSoSavingKeepsIt() {
        ListBoxModel model = new RailwayUpStep.DescriptorImpl().doFillCredentialsIdItems(job, "railway-token");
        ListBoxModel empty = new RailwayUpStep.DescriptorImpl().doFillCredentialsIdItems(job, null);

        assertThat(options(model)).containsExactly("- current -=railway-token");
        assertThat(options(empty)).containsExactly("- none -=");
    }

    @Test
    void outsideAJobOnlyAnAdministratorSeesTheList() {
        RailwayUpStep.DescriptorImpl d = new RailwayUpStep.DescriptorImpl();
        assertThat(options(d.doFillCredentialsIdItems(null, "x"))).containsExactly("- current -=x");

        StandInSecurity.grant(Jenkins.get(), Jenkins.ADMINISTER);

        assertThat(options(d.doFillCredentialsIdItems(null, null)))
                .containsExactly("- none -=", "Railway production token=railway-token", "expired-jwt=expired-jwt");
    }

    @Test
    void aChosenIdThatNoLongerExistsStaysSelectableAfterTheEmptyChoice() {
        StandInSecurity.grant(job, Item.EXTENDED_READ);

        ListBoxModel model = new RailwayUpStep.DescriptorImpl().doFillCredentialsIdItems(job, "deleted-token");

        assertThat(options(model)).startsWith("- none -=", "- current -=deleted-token").hasSize(4);
    }

    @Test
    void everyFillMethodIsAPostWithTheItemAndTheFieldsValue() {
        for (Class<?> descriptor : List.of(RailwayUpStep.DescriptorImpl.class, RailwayRollbackStep.DescriptorImpl.class,
                SmokeAuthFlowStep.DescriptorImpl.class)) {
            for (Method m : descriptor.getMethods()) {
                if (m.getName().startsWith("doFill")) {
                    String field = Character.toLowerCase(m.getName().charAt(6)) + m.getName().substring(7, m.getName().length() - 5);
                    assertThat(m.isAnnotationPresent(POST.class)).as(m.toString()).isTrue();
                    assertThat(m.getParameters()[0].isAnnotationPresent(AncestorInPath.class)).as(m.toString()).isTrue();
                    assertThat(m.getParameters()[1].isAnnotationPresent(QueryParameter.class)).as(m.toString()).isTrue();
                    assertThat(m.getParameters()[1].getName()).as(m.toString()).isEqualTo(field);
                }
            }
        }
    }
}
