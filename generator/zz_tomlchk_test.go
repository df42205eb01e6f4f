package main
import ("testing";"github.com/BurntSushi/toml")
func TestX(t *testing.T){
	var v map[string]any
	_, err := toml.Decode("title = \"Syntax\"\nweight = = 3\n", &v)
	pe := err.(toml.ParseError)
	t.Logf("%+v", pe.Position)
	_, err = toml.Decode("title = \"Syntax\"\n\n[params\n", &v)
	t.Logf("%+v", err.(toml.ParseError).Position)
}
