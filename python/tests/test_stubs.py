"""The type stubs (framescope/__init__.pyi) declare what the package has: every public name
of the module and every public attribute and method of its objects, as they are at run time
(review 45: `Explanation.fold`, documented in the README, was missing from the stubs)."""

import ast
import warnings
from pathlib import Path

import pytest

import framescope
from conftest import seeds_model

T = "Moscow-backed separatists shelled villages near the front, officials in Kyiv said."
STUB = Path(framescope.__file__).with_name("__init__.pyi")


def public(names):
    return {n for n in names if not n.startswith("_")}


def stub():
    """The stub's module-level names and, per class, its attributes and methods."""
    tree = ast.parse(STUB.read_text())

    def names(body):
        out = set()
        for node in body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                out.add(node.target.id)
            elif isinstance(node, ast.Assign):
                out.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                out.add(node.name)
        return out

    classes = {n.name: public(names(n.body)) for n in tree.body if isinstance(n, ast.ClassDef)}
    return names(tree.body), classes


@pytest.fixture(scope="module")
def objects(repo):
    """One runtime object of each class the stubs declare."""
    model = seeds_model(repo)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always", framescope.FramescopeWarning)
        result = model.analyze([{"id": "a", "text": T}, {"id": "b", "text": ""}], bootstrap=0)
    warning = next(w.message for w in said if isinstance(w.message, framescope.FramescopeWarning)
                   and w.message.id == "b")
    assert result.problems and result.problems[0].id == "b"
    return {
        "Model": model,
        "Result": result,
        "Explanation": result.explain("a"),
        "Problem": result.problems[0],
        "FramescopeWarning": warning,
        "FramescopeError": framescope.FramescopeError("x"),
    }


def test_the_stubs_declare_every_public_name_of_the_module():
    module, _ = stub()
    assert set(framescope.__all__) <= module, set(framescope.__all__) - module


def test_the_stubs_declare_each_objects_attributes_and_methods(objects):
    _, classes = stub()
    assert set(classes) == set(objects)
    for name, obj in objects.items():
        cls = type(obj)
        # What the package itself defines: the object's own attributes and its class's (not
        # what it inherits from str, Exception …).
        runtime = public(vars(obj)) | public(vars(cls))
        assert runtime == classes[name], (name, "missing from the stub:", runtime - classes[name],
                                          "in the stub only:", classes[name] - runtime)
