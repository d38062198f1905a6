package dev.aauth.jakarta.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** persistence.xml and the Liberty server.xml agree with the code. */
class StoreConfigurationTest {

    private static Document parse(File file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(file);
    }

    private static List<String> texts(Document document, String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().strip());
        }
        return texts;
    }

    @Test
    void thePersistenceUnitListsEveryEntityAndConverterOfTheStore() throws Exception {
        Document unit =
                parse(
                        new File(
                                StoreConfigurationTest.class
                                        .getClassLoader()
                                        .getResource("META-INF/persistence.xml")
                                        .toURI()));
        Element persistenceUnit = (Element) unit.getElementsByTagName("persistence-unit").item(0);

        assertEquals(StoreMigration.PERSISTENCE_UNIT, persistenceUnit.getAttribute("name"));
        assertEquals("JTA", persistenceUnit.getAttribute("transaction-type"));
        assertEquals(List.of(StoreMigration.DATA_SOURCE), texts(unit, "jta-data-source"));
        assertEquals(
                List.of("NONE"),
                texts(unit, "shared-cache-mode"),
                "several instances share the database");

        File packageDirectory =
                new File(
                        new File(
                                StoreMigration.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .toURI()),
                        "dev/aauth/jakarta/store");
        Set<String> mapped = new HashSet<>();
        for (String file : packageDirectory.list()) {
            if (file.endsWith(".class")) {
                Class<?> type =
                        Class.forName(
                                "dev.aauth.jakarta.store." + file.substring(0, file.length() - 6));
                if (type.isAnnotationPresent(Entity.class)
                        || type.isAnnotationPresent(Converter.class)) {
                    mapped.add(type.getName());
                }
            }
        }
        assertTrue(mapped.size() >= 8, mapped.toString());
        assertEquals(mapped, Set.copyOf(texts(unit, "class")));
    }

    @Test
    void theLibertyDataSourceIsTheOneTheCodeLooksUpAndItsH2RunsInPostgreSqlMode() throws Exception {
        Document server = parse(Path.of("src", "main", "liberty", "config", "server.xml").toFile());

        NodeList dataSources = server.getElementsByTagName("dataSource");
        assertEquals(1, dataSources.getLength());
        assertEquals(
                StoreMigration.DATA_SOURCE,
                ((Element) dataSources.item(0)).getAttribute("jndiName"));
        NodeList variables = server.getElementsByTagName("variable");
        String url = null;
        for (int i = 0; i < variables.getLength(); i++) {
            Element variable = (Element) variables.item(i);
            if (variable.getAttribute("name").equals("aauth.db.url")) {
                url = variable.getAttribute("defaultValue");
            }
        }
        assertTrue(
                url != null
                        && url.startsWith("jdbc:h2:${server.output.dir}/")
                        && url.contains(StoreTestDatabase.H2_OPTIONS + ";"),
                "H2 in file mode with the options the store tests use: " + url);
        // H2 writes committed changes in the background, WRITE_DELAY (500 ms) after the commit by
        // default: a process killed meanwhile loses decisions it has acknowledged (CrashRestartIT)
        assertTrue(
                url.endsWith(";WRITE_DELAY=0"),
                "a commit is written before it is acknowledged (WRITE_DELAY=0): " + url);
    }
}
