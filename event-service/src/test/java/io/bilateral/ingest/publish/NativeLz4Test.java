package io.bilateral.ingest.publish;

import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.jpountz.lz4.LZ4Factory;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under Quarkus's class loader (as in the packaged service), lz4-java offers Kafka's LZ4 codec
 * its pure-Java implementation unless its native library was loaded first; once the service's
 * producer exists, the codec's "fastest instance" is the native one.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class NativeLz4Test {

    @Inject
    Producer<String, byte[]> producer;

    @Test
    void lz4Codec_compressesNatively_onceTheServicesProducerExists() {
        // The premise: lz4-java here was not loaded by the system class loader.
        assertThat(LZ4Factory.class.getClassLoader()).isNotSameAs(ClassLoader.getSystemClassLoader());

        producer.metrics();  // the bean is created on first use

        // What Kafka's Lz4BlockOutputStream asks for; its name says which implementation it is.
        assertThat(LZ4Factory.fastestInstance()).hasToString("LZ4Factory:JNI");
    }
}
