package io.jenkins.plugins.deploygates.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** expectJson as people write it: every accepted form compares (never degrades to "exists"); others are refused. */
class JsonPathAssertionTest {
    private static Optional<String> check(String assertion, String body) {
        return JsonPathAssertion.parse(assertion).check(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.status == \"ok\"", "$.status==\"ok\"", "$.status == 'ok'", "$.status=='ok'",
            "  $.status   ==    \"ok\"  ", "$.status\t==\t'ok'", "$['status'] == \"ok\"", "$[\"status\"]=='ok'",
            "$.status == ok"})
    void everySpellingOfAComparisonComparesTheValue(String assertion) {
        assertThat(check(assertion, "{\"status\":\"ok\"}")).isEmpty();
        assertThat(check(assertion, "{\"status\":\"down\"}")).hasValueSatisfying(why -> assertThat(why)
                .matches("\\$\\[['\"]status['\"]] is \"down\", expected \"ok\""));
        assertThat(check(assertion, "{\"status\":\"'ok'\"}")).as("quotes are not part of the value").isPresent();
        assertThat(check(assertion, "{}")).hasValueSatisfying(why -> assertThat(why)
                .matches("\\$\\[['\"]status['\"]] is missing"));
    }

    @Test
    void bracketKeysWithSpacesQuotesAndFiltersAreOnePath() {
        assertThat(check("$['my key'] exists", "{\"my key\":1}")).isEmpty();
        assertThat(check("$['my key'] exists", "{\"my\":1}")).contains("$['my key'] is missing");
        assertThat(check("$['my key']=='a == b'", "{\"my key\":\"a == b\"}")).isEmpty();
        assertThat(check("$['my key'] != \"x\"", "{\"my key\":\"x\"}")).contains("$['my key'] is \"x\", expected anything else");
        assertThat(check("$.items[?(@.state != 'down')] exists", "{\"items\":[{\"state\":\"up\"}]}")).isEmpty();
        assertThat(check("$.items[?(@.state != 'down')] exists", "{\"items\":[{\"state\":\"down\"}]}"))
                .hasValueSatisfying(why -> assertThat(why).endsWith(" matches nothing"));
        assertThat(check("$.checks.cache", "{\"checks\":{\"cache\":\"up\"}}")).isEmpty();
        assertThat(check("$.checks.cache EXISTS", "{\"checks\":{}}")).contains("$['checks']['cache'] is missing");
    }

    /**
     * Numbers compare by value and never equal strings; JSON literals, structures and regular expressions. The last
     * column is PASS, FAIL (some failure) or the exact failure.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            $.n == 3                            | {"n":3.0}                  | PASS
            $.n == 3.0                          | {"n":3}                    | PASS
            $.n == 0.1                          | {"n":0.10}                 | PASS
            $.n == 12345678901234567890         | {"n":12345678901234567890} | PASS
            $.n == 0.1000000000000000000001     | {"n":0.1}                  | FAIL
            $.n == 3                            | {"n":"3"}                  | $['n'] is "3", expected 3
            $.n == "3"                          | {"n":3}                    | $['n'] is 3, expected "3"
            $.n != 3                            | {"n":"3"}                  | PASS
            $.up == true                        | {"up":true}                | PASS
            $.up == true                        | {"up":"true"}              | FAIL
            $.err == null                       | {"err":null}               | PASS
            $.l == [1, 2]                       | {"l":[1.0,2]}              | PASS
            $.o == {"a": 1}                     | {"o":{"a":1}}              | PASS
            $.o == {"a": 1}                     | {"o":{"a":1,"b":2}}        | FAIL
            $.msg == "a \\"quoted\\" word"        | {"msg":"a \\"quoted\\" word"} | PASS
            $.msg == 'it\\'s up'                  | {"msg":"it's up"}          | PASS
            $.version =~ ^1\\.4\\.                | {"version":"1.4.2"}        | PASS
            $.version=~'^1\\.4'                   | {"version":"1.4.2"}        | PASS
            $.version =~ /^2/                   | {"version":"1.4.2"}        | $['version'] is "1.4.2", expected to match ^2
            $.url == "https://x/y"              | {"url":"https://x/z"}      | $['url'] is "https://x/z", expected "https://x/y"
            """)
    void valuesCompareAsJsonSays(String assertion, String body, String expected) {
        Optional<String> failure = check(assertion, body);

        if (expected.equals("PASS")) {
            assertThat(failure).isEmpty();
        } else if (expected.equals("FAIL")) {
            assertThat(failure).isPresent();
        } else {
            assertThat(failure).contains(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.status = \"ok\"", "$.status === \"ok\"", "$.status eq ok", "$.status ==",
            "$.status == \"ok\" && $.db == \"up\"", "$.status == \"ok", "$.status == 'ok", "status == ok",
            "$['my key exists", "$.count > 3", "$.status\"ok\"", "$.s == [1,"})
    void formsThatCannotBeReadAreRefusedWithTheFormToWrite(String assertion) {
        assertThatThrownBy(() -> JsonPathAssertion.parse(assertion)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("expectJson '" + assertion + "' is not an assertion (")
                .hasMessageEndingWith("write it as $.status == \"ok\", $.status == 'ok', $['my key'] != 0,"
                        + " $.version =~ ^1\\. or $.checks.cache exists.");
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertThatThrownBy(() -> JsonPathAssertion.parse("$.status = ok")).hasMessageContaining("(compare with == (not =))");
        assertThatThrownBy(() -> JsonPathAssertion.parse("$.a eq 1")).hasMessageContaining("('eq' is not an operator");
        assertThatThrownBy(() -> JsonPathAssertion.parse("$.a == \"x")).hasMessageContaining("the value \"x is not one JSON value");
        assertThatThrownBy(() -> JsonPathAssertion.parse("$.a.. == 1")).hasMessageStartingWith("expectJson '$.a.. == 1' has a malformed JSONPath");
    }

    @Test
    void aBodyNestedTooDeepIsNotJsonRatherThanAStackOverflow() {
        assertThat(check("$[0] exists", "[".repeat(200_000))).contains("body is not valid JSON");
        assertThat(check("$.a exists", "{\"a\": 1} trailing")).contains("body is not valid JSON");
    }

    /**
     * In Jenkins, json-path comes from a plugin class loader that cannot see Jackson. The assertion must work with
     * json-path, json-smart and our own classes alone.
     */
    @Test
    void worksWithoutJacksonOnTheClassPath() throws Exception {
        URL[] jars = {codeSource(JsonPathAssertion.class), codeSource(com.jayway.jsonpath.JsonPath.class),
            codeSource(net.minidev.json.JSONValue.class), codeSource(net.minidev.asm.BeansAccess.class),
            codeSource(org.objectweb.asm.ClassVisitor.class), codeSource(org.slf4j.LoggerFactory.class)};
        try (URLClassLoader jenkinsLike = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> jenkinsLike.loadClass("com.fasterxml.jackson.databind.ObjectMapper"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> type = jenkinsLike.loadClass(JsonPathAssertion.class.getName());
            Object assertion = type.getMethod("parse", String.class).invoke(null, "$.n == 3");
            Method check = type.getMethod("check", String.class);

            assertThat(check.invoke(assertion, "{\"n\":3.0}")).isEqualTo(Optional.empty());
            assertThat(check.invoke(assertion, "{\"n\":4}")).isEqualTo(Optional.of("$['n'] is 4, expected 3"));
        }
    }

    private static URL codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
