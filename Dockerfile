# aauth-jakarta on Open Liberty: the three demo origins (9080, 9081, 9082) in one container.
# Build the WAR and copy the JDBC drivers first (`mvn package liberty:create`), then:
#                                              docker build -t aauth-jakarta .
#                                              docker run --rm -p 9080-9082:9080-9082 aauth-jakarta
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi

# In a container the endpoints must listen on every interface (server.xml defaults to localhost).
ENV AAUTH_HTTP_HOST=*

# Server configuration first, then the features it names (kernel-slim installs only those).
COPY --chown=1001:0 src/main/liberty/config/server.xml /config/
# the public demo keys: the supply-chain origin enrolls its agent with one (aauth.agent.key-file)
COPY --chown=1001:0 src/main/liberty/config/demo-keys /config/demo-keys/
RUN features.sh

# The JDBC driver of the embedded default database (H2, a file under the server's output directory;
# mount a volume on /opt/ol/wlp/output/defaultServer/data to keep it, or point aauth.db.* at PostgreSQL
# and copy postgresql.jar too).
COPY --chown=1001:0 target/liberty/wlp/usr/shared/resources/jdbc/h2.jar /opt/ol/wlp/usr/shared/resources/jdbc/

# The application; server.xml lists it three times, once per origin.
COPY --chown=1001:0 target/aauth-jakarta.war /config/apps/

EXPOSE 9080 9081 9082

# Applies the image's standard settings and warms the class cache.
RUN configure.sh
