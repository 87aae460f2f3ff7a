function <wasm function 0>:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000009Bh
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov r15,[r14+8]
  0037  mov r15,[r15]
  003e  mov [rsp],rdx
  0046  mov rdi,r14
  0049  mov rsi,0
  0050  mov rdx,[rsp]
  0058  mov r11,<MemoryGrow>
  0062  call r11
  0065  cmp rax,0FFFFFFFFFFFFFFFEh
  006b  je 000000000000009Dh
  0071  mov r15,[r14+8]
  0078  mov r15,[r15]
  007f  mov eax,eax
  0081  lea rsp,[rbp-10h]
  0088  pop r15
  008a  pop r14
  008c  pop rbp
  008d  ret
  008e  mov rax,[rsp]
  0096  jmp 0000000000000081h
  009b  ud2    ; trap: Code(StackOverflow)
  009d  ud2    ; trap: Propagate
  009f  mov r11,rdx
  00a2  mov edx,[r11]
  00aa  jmp 0

function <wasm function 1>:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000A1h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov r15,[r14+8]
  0037  mov r15,[r15]
  003e  mov qword ptr [rsp],0
  004a  mov [rsp+10h],rdx
  0052  mov rdi,r14
  0055  mov rsi,0
  005c  mov rdx,[rsp]
  0064  mov rcx,[rsp+10h]
  006c  mov r11,<TableGrow>
  0076  call r11
  0079  cmp rax,0FFFFFFFFFFFFFFFEh
  007f  je 00000000000000A3h
  0085  mov eax,eax
  0087  lea rsp,[rbp-10h]
  008e  pop r15
  0090  pop r14
  0092  pop rbp
  0093  ret
  0094  mov rax,[rsp]
  009c  jmp 0000000000000087h
  00a1  ud2    ; trap: Code(StackOverflow)
  00a3  ud2    ; trap: Propagate
  00a5  mov r11,rdx
  00a8  mov edx,[r11]
  00b0  jmp 0

