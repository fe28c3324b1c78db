package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every step documents every parameter: a Snippet Generator form field in config.jelly, a help-PARAM.html, a
 * help.html with an example, and a getter (Jenkins needs one to show the configured value). A list parameter
 * appears in the form as a textarea under its own name, which the descriptor splits into the list (see
 * {@link ListText}), and shows the configured list through a read-only getPARAMText(), which is no parameter. That the Snippet Generator renders each form and names each
 * parameter once is proven in a real Jenkins by SnippetGeneratorITest.
 */
class StepDocsTest {
    static Stream<Class<?>> steps() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.deploygates.steps").stream()
                .filter(c -> c.isAssignableTo(Step.class) && !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT))
                .map(JavaClass::reflect);
    }

    static List<String> parameters(Class<?> step) {
        List<String> names = new ArrayList<>();
        for (Constructor<?> c : step.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    names.add(p.getName());
                }
            }
        }
        for (Method m : step.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        return names;
    }

    private static String resource(Class<?> step, String file) throws Exception {
        try (InputStream in = step.getResourceAsStream(step.getSimpleName() + "/" + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @MethodSource("steps")
    void everyParameterHasAFormFieldAHelpFileAndAGetter(Class<?> step) throws Exception {
        assertThat(Modifier.isFinal(step.getModifiers())).as(step + " is final").isTrue();
        String form = resource(step, "config.jelly");
        assertThat(form).as(step.getSimpleName() + "/config.jelly").isNotNull();
        assertThat(resource(step, "help.html")).as(step.getSimpleName() + "/help.html").contains("<pre>");
        List<String> params = parameters(step);
        assertThat(params).as("parameters of " + step.getSimpleName()).isNotEmpty();
        for (String p : params) {
            assertThat(form).as("config.jelly field of " + step.getSimpleName() + "." + p).contains("field=\"" + formField(step, p) + "\"");
            assertThat(resource(step, "help-" + p + ".html")).as(step.getSimpleName() + "/help-" + p + ".html").isNotBlank();
            String suffix = Character.toUpperCase(p.charAt(0)) + p.substring(1);
            boolean getter = Stream.of(step.getMethods()).anyMatch(m -> m.getParameterCount() == 0
                    && (m.getName().equals("get" + suffix) || m.getName().equals("is" + suffix)));
            assertThat(getter).as("getter for " + step.getSimpleName() + "." + p).isTrue();
        }
    }

    /** The form field that edits a parameter: the parameter itself, a list too. */
    static String formField(Class<?> step, String parameter) {
        return parameter;
    }

    private static Optional<Method> setter(Class<?> step, String field) {
        String name = "set" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
        return Stream.of(step.getMethods()).filter(m -> m.getName().equals(name) && m.getParameterCount() == 1
                && m.isAnnotationPresent(DataBoundSetter.class)).findFirst();
    }

    private static boolean takesAList(Class<?> step, String field) {
        return setter(step, field).map(m -> Collection.class.isAssignableFrom(m.getParameterTypes()[0])).orElse(false);
    }

    @ParameterizedTest
    @MethodSource("steps")
    void everyListIsATextareaTheDescriptorSplitsAndNoneHasATwinParameter(Class<?> step) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        NodeList entries = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(resource(step, "config.jelly").getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagNameNS("/lib/form", "entry");
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            String field = entry.getAttribute("field");
            if (takesAList(step, field)) {
                NodeList textareas = entry.getElementsByTagNameNS("/lib/form", "textarea");
                assertThat(textareas.getLength()).as(step.getSimpleName() + " list field '" + field + "' is a textarea").isOne();
                assertThat(((Element) textareas.item(0)).getAttribute("value"))
                        .as(step.getSimpleName() + " textarea '" + field + "' shows the list one per line")
                        .isEqualTo("${instance." + field + "Text}");
                assertThat(setter(step, field + "Text")).as(step.getSimpleName() + "." + field + "Text is no parameter:"
                        + " one would make the snippet name the list twice").isEmpty();
                assertThat(step.getMethod("get" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "Text"))
                        .isNotNull();
            }
        }
    }
}
