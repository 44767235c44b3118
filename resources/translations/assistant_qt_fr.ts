<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt strings that Qt's own French catalogue (qtbase_fr.qm) misses; built into assistant_qt_fr.qm by
     pyside6-lrelease (make), loaded after qtbase_fr by assistant/ui/setup.py. -->
<TS version="2.1" language="fr_FR">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>Voir &amp;dans :</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type :</translation>
    </message>
</context>
</TS>
