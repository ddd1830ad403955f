package io.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing changed keeps theirs          | {'a':1}                    | {'a':1}                            | {'a':2,'b':3}                        | {'a':2,'b':3}
            our field moves, theirs stays         | {'a':1}                    | {'a':5}                            | {'a':1,'artifact':{'d':'x'}}         | {'a':5,'artifact':{'d':'x'}}
            we remove a field                     | {'a':1,'b':2}              | {'a':1}                            | {'a':1,'b':2,'c':3}                  | {'a':1,'c':3}
            nested objects merge per field        | {'o':{'x':1,'y':1}}        | {'o':{'x':2,'y':1}}                | {'o':{'x':1,'y':9}}                  | {'o':{'x':2,'y':9}}
            other lists are replaced whole        | {'l':[1]}                  | {'l':[1,2]}                        | {'l':[7]}                            | {'l':[1,2]}
            a first write onto an empty status    | null                       | {'a':1}                            | null                                 | {'a':1}
            empty and missing mean the same       | {'l':[]}                   | {}                                 | {'k':1}                              | {'k':1}
            conditions merge by type              | {'conditions':[{'type':'Ready','status':'False'}]} | {'conditions':[{'type':'Ready','status':'True'}]} | {'conditions':[{'type':'Ready','status':'False'},{'type':'Stalled','status':'True'}]} | {'conditions':[{'type':'Ready','status':'True'},{'type':'Stalled','status':'True'}]}
            a condition we removed goes           | {'conditions':[{'type':'Ready'},{'type':'Reconciling'}]} | {'conditions':[{'type':'Ready'}]} | {'conditions':[{'type':'Ready'},{'type':'Reconciling'},{'type':'X'}]} | {'conditions':[{'type':'Ready'},{'type':'X'}]}
            a condition we added is appended      | {'conditions':[]}          | {'conditions':[{'type':'Ready'}]}  | {'conditions':[{'type':'Other'}]}    | {'conditions':[{'type':'Other'},{'type':'Ready'}]}
            unchanged conditions keep theirs      | {'conditions':[{'type':'Ready','m':'a'}],'x':1} | {'conditions':[{'type':'Ready','m':'a'}],'x':2} | {'conditions':[{'type':'Ready','m':'b'}],'x':1} | {'conditions':[{'type':'Ready','m':'b'}],'x':2}
            """)
    void mergesOnlyWhatThisWriterChanged(String name, String base, String ours, String theirs, String expected) throws Exception {
        JsonNode merged = StatusMerge.merge(tree(base), tree(ours), tree(theirs));
        assertThat(merged).isEqualTo(tree(expected));
    }

    private static JsonNode tree(String json) throws Exception {
        return "null".equals(json) ? null : JSON.readTree(json.replace('\'', '"'));
    }
}
