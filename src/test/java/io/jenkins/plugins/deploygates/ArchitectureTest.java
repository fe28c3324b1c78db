package io.jenkins.plugins.deploygates;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engines are plain Java: only the Jenkins adapters in {@code steps} and the build-page summary may touch Jenkins. */
class ArchitectureTest {
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.deploygates");

    @Test
    void enginesDoNotDependOnJenkins() {
        noClasses().that().resideInAPackage("..deploygates.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..",
                        "org.kohsuke..", "com.cloudbees..")
                .check(PRODUCT);
    }

    @Test
    void commandLineDoesNotDependOnJenkins() {
        noClasses().that().resideInAnyPackage("..deploygates.cli..", "..deploygates.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..",
                        "org.kohsuke..", "com.cloudbees..")
                .check(PRODUCT);
    }

    @Test
    void enginesDoNotDependOnAdaptersOrCommandLine() {
        noClasses().that().resideInAPackage("..deploygates.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("..deploygates.steps..", "..deploygates.cli..")
                .check(PRODUCT);
    }

    /** The .hpi build leaves the command line and the demo out, so nothing Jenkins loads may need them. */
    @Test
    void enginesAndAdaptersDoNotDependOnTheCommandLineOrTheDemo() {
        noClasses().that().resideInAnyPackage("..deploygates.engine..", "..deploygates.steps..", "..deploygates.summary..")
                .should().dependOnClassesThat().resideInAnyPackage("..deploygates.cli..", "..deploygates.demo..", "picocli..")
                .check(PRODUCT);
    }
}
