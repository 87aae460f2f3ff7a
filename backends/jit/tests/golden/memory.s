function copy:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000006Dh
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov ecx,ecx
  0033  mov [rbp-30h],rcx
  003a  mov r15,[r14+8]
  0041  mov r15,[r15]
  0048  mov rax,rcx
  004b  mov rax,[r15+rax+8]    ; trap: Code(MemoryOutOfBounds)
  0053  mov rsi,rdx
  0056  mov [r15+rsi+10h],rax    ; trap: Code(MemoryOutOfBounds)
  005e  lea rsp,[rbp-10h]
  0065  pop r15
  0067  pop r14
  0069  pop rbp
  006a  ret
  006b  ud2    ; trap: Code(MemoryOutOfBounds)
  006d  ud2    ; trap: Code(StackOverflow)
  006f  mov r11,rdx
  0072  mov edx,[r11]
  007a  mov ecx,[r11+10h]
  0082  jmp 0

function byte:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000066h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov r15,[r14+8]
  0037  mov r15,[r15]
  003e  mov rax,rdx
  0041  movsx eax,byte ptr [r15+rax]    ; trap: Code(MemoryOutOfBounds)
  004a  lea rsp,[rbp-10h]
  0051  pop r15
  0053  pop r14
  0055  pop rbp
  0056  ret
  0057  mov rax,[rsp]
  005f  jmp 000000000000004Ah
  0064  ud2    ; trap: Code(MemoryOutOfBounds)
  0066  ud2    ; trap: Code(StackOverflow)
  0068  mov r11,rdx
  006b  mov edx,[r11]
  0073  jmp 0

