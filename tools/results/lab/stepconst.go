package lab

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// DurationConst reads the value of a duration constant from a step's
// code, such as `const batchInterval = 250 * time.Millisecond`: the
// default of a flag, from the code that sets it rather than from text
// the program prints. The expression may multiply, add and group whole
// numbers and package time's units.
func DurationConst(stepDir, name string) (time.Duration, error) {
	files, _ := filepath.Glob(filepath.Join(stepDir, "*.go"))
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return 0, err
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				v := spec.(*ast.ValueSpec)
				for i, id := range v.Names {
					if id.Name == name && i < len(v.Values) {
						d, err := evalDuration(v.Values[i])
						if err != nil {
							return 0, fmt.Errorf("%s: const %s: %w", fset.Position(v.Pos()), name, err)
						}
						return d, nil
					}
				}
			}
		}
	}
	return 0, fmt.Errorf("%s: no const %s in its code", stepDir, name)
}

var timeUnits = map[string]time.Duration{
	"Nanosecond": time.Nanosecond, "Microsecond": time.Microsecond, "Millisecond": time.Millisecond,
	"Second": time.Second, "Minute": time.Minute, "Hour": time.Hour,
}

func evalDuration(e ast.Expr) (time.Duration, error) {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return evalDuration(e.X)
	case *ast.BasicLit:
		if e.Kind == token.INT {
			n, err := strconv.ParseInt(e.Value, 0, 64)
			return time.Duration(n), err
		}
	case *ast.SelectorExpr:
		if pkg, ok := e.X.(*ast.Ident); ok && pkg.Name == "time" {
			if d, ok := timeUnits[e.Sel.Name]; ok {
				return d, nil
			}
		}
	case *ast.BinaryExpr:
		x, err := evalDuration(e.X)
		if err != nil {
			return 0, err
		}
		y, err := evalDuration(e.Y)
		if err != nil {
			return 0, err
		}
		switch e.Op {
		case token.MUL:
			return x * y, nil
		case token.ADD:
			return x + y, nil
		}
	}
	return 0, fmt.Errorf("cannot work out %T: write it as whole numbers and package time's units", e)
}
