package drawio

import "fmt"

// Check reads the .drawio.svg at path and runs every check on it:
// well-formed, decodable, a sound graph, and labels shown. The error
// names the file and lists each problem.
func Check(path string) error {
	f, err := ReadFile(path)
	if err != nil {
		return err
	}
	if err := f.Validate(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.CheckLabels(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
