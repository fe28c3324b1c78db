package io.jenkins.plugins.deploygates.engine.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JUnitReportTest {
    @Test
    void writesOneTestCasePerCheckInTheShapeJenkinsReads() {
        String xml = new JUnitReport("smokeAuthFlow")
                .passed("smoke", "link requested", 120, null)
                .failed("smoke", "invalid token rejected", 35, "expected 4xx, got 500 <html>\nsecond line", "log")
                .toXml();

        assertThat(xml).contains("<testsuite name=\"smokeAuthFlow\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"0.155\">")
                .contains("<testcase classname=\"smoke\" name=\"link requested\" time=\"0.120\"/>")
                .contains("<failure message=\"expected 4xx, got 500 &lt;html&gt;\">expected 4xx, got 500 &lt;html&gt;\nsecond line</failure>")
                .contains("<system-out>log</system-out>");
    }

    @Test
    void dropsCharactersXmlCannotHold() {
        assertThat(JUnitReport.escape("a\u0000b\u001bc\td")).isEqualTo("abc\td");
    }
}
