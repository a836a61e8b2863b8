# Offline build context made by dev.airlock.sandbox.images.AgentJavaImage for a JDK 21-24 (no ahead-of-time
# cache before JDK 25): a jlink'd runtime with its CDS archive and its JVM options linked in, the glibc libraries it
# links against (ldd), and the agent SDK.
FROM scratch
COPY . /
# Agents name their own command ([java, my.Main]); an agent layer's jar goes to /opt/airlock/agent.
ENV PATH=/opt/java/bin JAVA_HOME=/opt/java CLASSPATH=/opt/airlock/lib/*:/opt/airlock/agent/*
USER 65534:65534
WORKDIR /tmp
CMD ["java", "dev.airlock.sdk.demo.EchoAgent"]
