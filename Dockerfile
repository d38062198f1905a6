# aauth-jakarta on Open Liberty: the three demo origins (9080, 9081, 9082) in one container.
# Build the WAR first (`mvn package`), then: docker build -t aauth-jakarta .
#                                              docker run --rm -p 9080-9082:9080-9082 aauth-jakarta
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi

# In a container the endpoints must listen on every interface (server.xml defaults to localhost).
ENV AAUTH_HTTP_HOST=*

# Server configuration first, then the features it names (kernel-slim installs only those).
COPY --chown=1001:0 src/main/liberty/config/server.xml /config/
RUN features.sh

# The application; server.xml lists it three times, once per origin.
COPY --chown=1001:0 target/aauth-jakarta.war /config/apps/

EXPOSE 9080 9081 9082

# Applies the image's standard settings and warms the class cache.
RUN configure.sh
