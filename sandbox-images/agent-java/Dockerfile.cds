# Offline build context made by dev.airlock.sandbox.images.AgentJavaImage for a JDK 21-24 (no ahead-of-time
# cache before JDK 25): a jlink'd runtime with its CDS archive, the glibc libraries it links against (ldd), the SDK.
FROM scratch
COPY . /
# Agents name their own command ([java, my.Main]); the class path holds the SDK and any agent layer's jar, and the
# options favour a fast start in a small compartment.
ENV PATH=/opt/java/bin JAVA_HOME=/opt/java CLASSPATH=/opt/airlock/lib/* JDK_JAVA_OPTIONS="-Xshare:auto -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k -XX:MaxRAMPercentage=70"
USER 65534:65534
WORKDIR /tmp
CMD ["java", "dev.airlock.sdk.demo.EchoAgent"]
