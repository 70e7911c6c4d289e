package io.bilateral.ingest.publish;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchSpoolTest {

    private static ProducerRecord<String, byte[]> record(int i) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>("ignored", "BEL-CHN", ("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_id", ("id-" + i).getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_type", "OfficialVisit".getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static void assertSameRecords(BatchSpool spool, int n) {
        List<ProducerRecord<String, byte[]>> back = new ArrayList<>();
        spool.forEach("bilateral.relation-events", back::add);
        assertEquals(n, back.size());
        for (int i = 0; i < n; i++) {
            ProducerRecord<String, byte[]> expected = record(i);
            ProducerRecord<String, byte[]> actual = back.get(i);
            assertEquals("bilateral.relation-events", actual.topic());
            assertEquals(expected.key(), actual.key());
            assertArrayEquals(expected.value(), actual.value());
            assertArrayEquals(expected.headers().toArray()[0].value(), actual.headers().lastHeader("ce_id").value());
            assertArrayEquals(expected.headers().toArray()[1].value(), actual.headers().lastHeader("ce_type").value());
        }
    }

    @Test
    void aBatchWithinTheBoundStaysInMemoryAndReadsBackInOrder() {
        try (BatchSpool spool = new BatchSpool(1 << 20)) {
            for (int i = 0; i < 100; i++) {
                spool.add(record(i));
            }
            assertSameRecords(spool, 100);
            assertFalse(spool.spilled());
        }
    }

    @Test
    void aBatchPastTheBoundGoesToDiskAndReadsBackTheSame() {
        try (BatchSpool spool = new BatchSpool(4096)) {
            for (int i = 0; i < 1000; i++) {
                spool.add(record(i));
            }
            assertTrue(spool.spilled());
            assertSameRecords(spool, 1000);
        }
    }
}
