package io.incidents.bench;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyPlotTest {

    @Test
    void drawsOneCurvePerWorkloadWithLatenciesRisingTowardsTheTail() throws Exception {
        Latencies fast = new Latencies(LongStream.rangeClosed(1, 1000).map(i -> i * 10_000).toArray());
        Latencies slow = new Latencies(LongStream.rangeClosed(1, 1000).map(i -> i * 1_000_000).toArray());
        List<WorkloadResult> results = List.of(
                WorkloadResult.throughput("authenticated-read", 100, 100, fast),
                WorkloadResult.single("footprint", 1900, "MB"),
                WorkloadResult.latency("end-to-end-latency", slow.percentileMillis(99), 5, slow));

        Document svg = parse(LatencyPlot.svg(results, "Latency <test>"));

        NodeList curves = svg.getElementsByTagName("polyline");
        assertThat(curves.getLength()).as("footprint has no latencies").isEqualTo(2);
        assertThat(svg.getDocumentElement().getTextContent()).contains("authenticated-read (p99 9.9 ms)")
                .contains("end-to-end-latency (p99 990 ms)").contains("Latency <test>").doesNotContain("footprint");
        for (int i = 0; i < curves.getLength(); i++) {
            double[][] points = points((Element) curves.item(i));
            assertThat(points.length).isEqualTo(LatencyPlot.PERCENTILES.length);
            for (int p = 1; p < points.length; p++) {
                assertThat(points[p][0]).as("x grows with the percentile").isGreaterThan(points[p - 1][0]);
                assertThat(points[p][1]).as("a higher percentile is higher up (smaller y)").isLessThanOrEqualTo(points[p - 1][1]);
            }
        }
        double[][] fastCurve = points((Element) curves.item(0));
        double[][] slowCurve = points((Element) curves.item(1));
        assertThat(slowCurve[3][1]).as("the slower median is drawn higher").isLessThan(fastCurve[3][1]);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static double[][] points(Element polyline) {
        String[] pairs = polyline.getAttribute("points").split(" ");
        double[][] points = new double[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
            String[] xy = pairs[i].split(",");
            points[i] = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
        }
        return points;
    }
}
