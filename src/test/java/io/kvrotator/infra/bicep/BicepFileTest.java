package io.kvrotator.infra.bicep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BicepFileTest {

    @Test
    @DisplayName("reads a parameter with its decorators and default")
    void parameter() {
        BicepFile file = BicepFile.parse("t.bicep", """
                @minValue(7)
                @maxValue(90)
                @description('days')
                param retention int = 90
                """);

        Statement.Param param = file.param("retention").orElseThrow();
        assertThat(param.type()).isEqualTo("int");
        assertThat(param.defaultValue()).contains(new Expr.Num(90));
        assertThat(param.decorator("maxValue")).map(d -> d.args().get(0)).contains(new Expr.Num(90));
        assertThat(param.line()).isEqualTo(4);
    }

    @Test
    @DisplayName("splits an interpolated string, nested quotes included")
    void interpolation() {
        BicepFile file = BicepFile.parse("t.bicep", """
                var name = 'kv-${env}-${empty(suffix) ? 'x' : '}'}'
                """);

        Expr.Str name = (Expr.Str) file.variable("name").orElseThrow().value();
        assertThat(name.parts()).hasSize(4);
        assertThat(name.parts().get(0)).isEqualTo("kv-");
        assertThat(name.parts().get(1)).isEqualTo(new Expr.Ident("env"));
        assertThat(name.parts().get(3)).isInstanceOf(Expr.Ternary.class);
        assertThat(name.literal()).isEmpty();
    }

    @Test
    @DisplayName("reads a conditional resource, a looped module and a multi-line string")
    void resourceBodies() {
        BicepFile file = BicepFile.parse("t.bicep", """
                resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = if (create) {
                  name: 'kv-a'
                  properties: { enableSoftDelete: true, tenantId: tenant().tenantId }
                }
                module ops 'm.bicep' = [for (id, i) in ids: {
                  name: 'op-${i}'
                }]
                var doc = '''
                it's ${not} interpolated
                '''
                """);

        Statement.Resource vault = file.resource("kv").orElseThrow();
        assertThat(vault.type()).isEqualTo("Microsoft.KeyVault/vaults");
        assertThat(vault.apiVersion()).isEqualTo("2023-07-01");
        assertThat(vault.body()).isInstanceOf(Expr.Conditional.class);
        assertThat(vault.get("properties", "enableSoftDelete")).contains(new Expr.Bool(true));
        Expr.For loop = (Expr.For) file.module("ops").orElseThrow().body();
        assertThat(loop.variables()).containsExactly("id", "i");
        assertThat(((Expr.Str) file.variable("doc").orElseThrow().value()).literal())
                .contains("\nit's ${not} interpolated\n");
    }

    @Test
    @DisplayName("reads a parameters file")
    void parametersFile() {
        BicepFile file = BicepFile.parse("dev.bicepparam", """
                using '../main.bicep'

                param env = 'dev'
                param ids = []
                """);

        assertThat(file.paramValue("env")).map(Statement.ParamValue::value).contains(Expr.Str.of("dev"));
        assertThat(file.paramValue("ids")).map(Statement.ParamValue::value).contains(new Expr.Arr(List.of()));
    }

    @Test
    @DisplayName("refuses what it does not understand, naming the file and line")
    void unsupported() {
        assertThatThrownBy(() -> BicepFile.parse("t.bicep", "param a string\nfunc f() string => 'x'\n"))
                .isInstanceOf(BicepSyntaxException.class).hasMessage("t.bicep:2: 'func' declarations are not supported by this reader");
        assertThatThrownBy(() -> BicepFile.parse("t.bicep", "var a = {\n  b: 1\n"))
                .isInstanceOf(BicepSyntaxException.class).hasMessageStartingWith("t.bicep:3:");
        assertThatThrownBy(() -> BicepFile.parse("t.bicep", "var a = 'open\n"))
                .isInstanceOf(BicepSyntaxException.class).hasMessage("t.bicep:1: unterminated string");
    }
}
